package io.cachelet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every setting with its environment name and default. */
class SettingDocumentationTest {

  @Test
  void theReadmeDocumentsEverySettingWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      Optional<String> row =
          readme.lines().filter(line -> line.startsWith("| `" + setting.key() + "` |")).findFirst();
      assertThat(row).as("README row for %s", setting.key()).isPresent();
      assertThat(row.get())
          .as("README row for %s", setting.key())
          .contains("`" + setting.environmentVariable() + "`")
          .contains(setting.defaultValue().map(d -> "`" + d + "`").orElse("unset"));
    }
  }
}
