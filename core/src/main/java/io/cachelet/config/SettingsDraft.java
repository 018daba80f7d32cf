package io.cachelet.config;

/**
 * The mutable half of one settings type: it takes the settings of its concept as text, validating
 * each as it is set, and builds the immutable settings. Each settings type names its own keys, so
 * {@link CacheletConfig.Builder} only routes a setting to the draft that owns it.
 *
 * @param <T> the immutable settings type built
 */
interface SettingsDraft<T> {

  /**
   * Takes {@code setting} when it belongs to this concept.
   *
   * @param value the text, trimmed
   * @param raw the text as given, for secrets whose spaces count
   * @return false when the setting belongs to another concept
   * @throws ConfigException when the text is not accepted
   */
  boolean accept(Setting setting, String value, String raw, SettingReader reader);

  /** The validated settings; checks what no single setting can. */
  T build(SettingReader reader);
}
