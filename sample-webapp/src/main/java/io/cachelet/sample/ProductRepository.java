package io.cachelet.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The {@code products} table in an in-memory H2 database, seeded with a small catalogue. Every
 * query first sleeps for the configured latency, so that a cache hit is visibly faster than a
 * database round trip. Thread-safe: every call takes its own connection.
 */
public final class ProductRepository implements AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static final String[][] SEED = {
    {"Ethiopia Yirgacheffe beans, 250 g", "coffee", "1290"},
    {"Colombia Huila beans, 250 g", "coffee", "1150"},
    {"Espresso blend, 1 kg", "coffee", "3490"},
    {"Decaf Brazil beans, 250 g", "coffee", "1090"},
    {"Guatemala Antigua beans, 250 g", "coffee", "1250"},
    {"Kenya AA beans, 250 g", "coffee", "1490"},
    {"Sencha, 100 g", "tea", "890"},
    {"Darjeeling first flush, 100 g", "tea", "1390"},
    {"Assam breakfast, 250 g", "tea", "790"},
    {"Rooibos vanilla, 100 g", "tea", "590"},
    {"Jasmine pearls, 50 g", "tea", "1190"},
    {"Genmaicha, 100 g", "tea", "690"},
    {"Hand grinder", "kitchen", "4990"},
    {"Pour-over dripper", "kitchen", "2490"},
    {"Gooseneck kettle", "kitchen", "5990"},
    {"Paper filters, 100", "kitchen", "490"},
    {"Glass teapot, 1 l", "kitchen", "3290"},
    {"Digital scale", "kitchen", "2790"},
  };

  private final JdbcDataSource dataSource;
  private final Duration latency;
  private final Connection keepAlive;

  private ProductRepository(JdbcDataSource dataSource, Duration latency, Connection keepAlive) {
    this.dataSource = dataSource;
    this.latency = latency;
    this.keepAlive = keepAlive;
  }

  /**
   * A fresh in-memory database of its own, seeded, whose queries each take at least {@code
   * latency}.
   */
  public static ProductRepository create(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:catalogue-" + DATABASES.incrementAndGet());
    try {
      // an in-memory H2 database lives as long as one connection to it is open
      Connection keepAlive = dataSource.getConnection();
      try (Statement ddl = keepAlive.createStatement()) {
        ddl.execute(
            "CREATE TABLE products (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " name VARCHAR(200) NOT NULL, category VARCHAR(50) NOT NULL,"
                + " base_price_cents BIGINT NOT NULL)");
      }
      try (PreparedStatement insert =
          keepAlive.prepareStatement(
              "INSERT INTO products (name, category, base_price_cents) VALUES (?, ?, ?)")) {
        for (String[] row : SEED) {
          insert.setString(1, row[0]);
          insert.setString(2, row[1]);
          insert.setLong(3, Long.parseLong(row[2]));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return new ProductRepository(dataSource, latency, keepAlive);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the sample database: " + e.getMessage(), e);
    }
  }

  /** The artificial latency of every query. */
  public Duration latency() {
    return latency;
  }

  /** Page {@code page} (from 1) of {@code size} products, of {@code category} when given. */
  public ProductPage list(Optional<String> category, int page, int size) {
    String where = category.isPresent() ? " WHERE category = ?" : "";
    return query(
        connection -> {
          long total;
          try (PreparedStatement count =
              connection.prepareStatement("SELECT COUNT(*) FROM products" + where)) {
            if (category.isPresent()) {
              count.setString(1, category.get());
            }
            try (ResultSet rows = count.executeQuery()) {
              rows.next();
              total = rows.getLong(1);
            }
          }
          List<Product> items = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, name, category, base_price_cents FROM products"
                      + where
                      + " ORDER BY id LIMIT ? OFFSET ?")) {
            int i = 1;
            if (category.isPresent()) {
              select.setString(i++, category.get());
            }
            select.setInt(i++, size);
            select.setLong(i, (long) (page - 1) * size);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                items.add(product(rows));
              }
            }
          }
          return new ProductPage(items, page, size, total);
        });
  }

  /** Every category that holds a product, in name order. */
  public List<String> categories() {
    return query(
        connection -> {
          List<String> categories = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT DISTINCT category FROM products ORDER BY category");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              categories.add(rows.getString(1));
            }
          }
          return categories;
        });
  }

  /** The product numbered {@code id}, if there is one. */
  public Optional<Product> find(long id) {
    return query(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, name, category, base_price_cents FROM products WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(product(rows)) : Optional.empty();
            }
          }
        });
  }

  /** Adds a product and returns it with its new number. */
  public Product create(String name, String category, long basePriceCents) {
    return query(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO products (name, category, base_price_cents) VALUES (?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, category);
            insert.setLong(3, basePriceCents);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new Product(keys.getLong(1), name, category, basePriceCents);
            }
          }
        });
  }

  /** Replaces product {@code id}; empty when there is no such product. */
  public Optional<Product> update(long id, String name, String category, long basePriceCents) {
    return query(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE products SET name = ?, category = ?, base_price_cents = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setString(2, category);
            update.setLong(3, basePriceCents);
            update.setLong(4, id);
            return update.executeUpdate() == 0
                ? Optional.empty()
                : Optional.of(new Product(id, name, category, basePriceCents));
          }
        });
  }

  /** Deletes product {@code id}; returns whether it existed. */
  public boolean delete(long id) {
    return query(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM products WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /** Drops the database. */
  @Override
  public void close() {
    try (Statement shutdown = keepAlive.createStatement()) {
      shutdown.execute("SHUTDOWN");
    } catch (SQLException e) {
      // already gone: nothing left to release
    } finally {
      try {
        keepAlive.close();
      } catch (SQLException e) {
        // closing a connection to a database that was shut down: nothing to do
      }
    }
  }

  private static Product product(ResultSet rows) throws SQLException {
    return new Product(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4));
  }

  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T query(Query<T> query) {
    pause();
    try (Connection connection = dataSource.getConnection()) {
      return query.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Database query failed: " + e.getMessage(), e);
    }
  }

  private void pause() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
