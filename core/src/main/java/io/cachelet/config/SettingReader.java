package io.cachelet.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting's text into a value, and names settings the way the user wrote them (a system
 * property, an environment variable, a key in {@code cachelet.properties}), so that every settings
 * type reports a bad value in the same words. Not thread-safe: it belongs to one builder.
 */
final class SettingReader {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|b|kb|mb|gb)");

  /** Where a textual value came from. */
  enum Origin {
    CODE,
    SYSTEM_PROPERTY,
    ENVIRONMENT,
    CLASSPATH;

    String nameOf(Setting setting) {
      return switch (this) {
        case CODE -> setting.key();
        case SYSTEM_PROPERTY -> setting.property();
        case ENVIRONMENT -> setting.environmentVariable();
        case CLASSPATH -> setting.property() + " in " + ConfigSources.PROPERTIES_FILE;
      };
    }
  }

  private final Map<Setting, Origin> origins = new EnumMap<>(Setting.class);

  void record(Setting setting, Origin origin) {
    origins.put(setting, origin);
  }

  void forgetOrigins() {
    origins.clear();
  }

  /** The setting's name as the user wrote it; as in code when it was never set. */
  String name(Setting setting) {
    return origin(setting).nameOf(setting);
  }

  /** {@code missing}'s name in the form the user wrote {@code present} in. */
  String nameLike(Setting missing, Setting present) {
    return origin(present).nameOf(missing);
  }

  private Origin origin(Setting setting) {
    return origins.getOrDefault(setting, Origin.CODE);
  }

  Path existingFile(Setting setting, String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw invalid(setting, value, setting.accepted() + "; no readable file is there");
    }
    return path;
  }

  String oneOf(Setting setting, String value, String... choices) {
    String upper = value.toUpperCase(Locale.ROOT);
    for (String choice : choices) {
      if (choice.equals(upper)) {
        return choice;
      }
    }
    throw invalid(setting, value, setting.accepted());
  }

  boolean bool(Setting setting, String value) {
    return Boolean.parseBoolean(oneOf(setting, value, "TRUE", "FALSE"));
  }

  int intIn(Setting setting, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with what is accepted
    }
    throw invalid(setting, value, setting.accepted());
  }

  Duration duration(Setting setting, String value) {
    try {
      Duration parsed = DurationFormat.parse(value);
      if (!parsed.isNegative()) {
        return parsed;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with what is accepted
    }
    throw invalid(setting, value, setting.accepted());
  }

  Duration positive(Setting setting, String value) {
    Duration parsed = duration(setting, value);
    if (parsed.isZero()) {
      throw invalid(setting, value, setting.accepted());
    }
    return parsed;
  }

  long size(Setting setting, String value) {
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            default -> 1;
          };
      if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
        return amount * unit;
      }
    }
    throw invalid(setting, value, setting.accepted());
  }

  String requireThat(Setting setting, String value, boolean valid) {
    if (!valid) {
      throw invalid(setting, value, setting.accepted());
    }
    return value;
  }

  /** The error for a value not accepted; a secret setting's value is never repeated. */
  ConfigException invalid(Setting setting, String value, String accepted) {
    String name = name(setting);
    String shown =
        switch (setting) {
          case REDIS_PASSWORD, REDIS_TRUSTSTORE_PASSWORD, ENCRYPTION_KEYS -> "***";
          case REDIS_URL -> value.replaceAll("//[^/@]*@", "//***@");
          default -> value;
        };
    return new ConfigException(
        name, "Invalid setting " + name + "='" + shown + "': expected " + accepted + ".");
  }
}
