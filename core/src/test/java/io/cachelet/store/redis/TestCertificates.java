package io.cachelet.store.redis;

import io.cachelet.testing.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A throw-away certificate authority and a server certificate for {@code localhost} (and not for
 * {@code 127.0.0.1}, so that host name checks can be seen to work), made with openssl when a test
 * runs, plus a PKCS12 trust store holding the CA.
 */
record TestCertificates(
    Path caCertificate, Path serverCertificate, Path serverKey, Path trustStore) {

  static final String TRUST_STORE_PASSWORD = "changeit";

  /** A CA and a server certificate it signed, in {@code dir}. */
  static TestCertificates create(Path dir, String name) {
    Path caKey = dir.resolve(name + "-ca.key");
    Path ca = dir.resolve(name + "-ca.crt");
    Path key = dir.resolve(name + "-server.key");
    Path csr = dir.resolve(name + "-server.csr");
    Path cert = dir.resolve(name + "-server.crt");
    Path ext = dir.resolve(name + "-ext.cnf");
    write(ext, "subjectAltName=DNS:localhost\n");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=Cachelet test CA " + name);
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString(),
        "-subj",
        "/CN=localhost");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-extfile",
        ext.toString());
    Path trustStore = dir.resolve(name + "-truststore.p12");
    writeTrustStore(ca, trustStore);
    return new TestCertificates(ca, cert, key, trustStore);
  }

  /** A TLS-only server presenting this server certificate. */
  RedisServer startServer() {
    return RedisServer.startTls(serverCertificate, serverKey, caCertificate);
  }

  private static void writeTrustStore(Path ca, Path trustStore) {
    try (InputStream in = Files.newInputStream(ca);
        OutputStream out = Files.newOutputStream(trustStore)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", certificate);
      store.store(out, TRUST_STORE_PASSWORD.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
    } catch (IOException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new UncheckedIOException("openssl is needed for the TLS tests", e);
      }
      throw new TestAbortedException("openssl is not on the PATH: " + e.getMessage());
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl "
                + String.join(" ", args)
                + " failed: "
                + Files.readString(dir.resolve("openssl.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
