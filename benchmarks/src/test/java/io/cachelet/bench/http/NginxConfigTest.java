package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxConfigTest {

  private final Path prefix = Path.of("/tmp/bench-nginx");

  @Test
  void cachesInFrontOfTheOriginWithOneWorkerAndKeepAlive() {
    String conf = NginxConfig.render(8081, 9090, prefix, false);
    assertThat(conf)
        .contains("worker_processes 1;")
        .contains("daemon off;")
        .contains("access_log off;")
        .contains("listen 127.0.0.1:8081;")
        .contains("server 127.0.0.1:9090;")
        .contains("keepalive 16;")
        .contains("proxy_http_version 1.1;")
        .contains("proxy_set_header Connection \"\";")
        .contains("proxy_cache bench;")
        .contains("add_header X-Cache-Status $upstream_cache_status;");
  }

  @Test
  void everyFileItWritesIsUnderThePrefix() {
    String conf = NginxConfig.render(8081, 9090, prefix, false);
    for (String directive :
        new String[] {
          "pid",
          "error_log",
          "client_body_temp_path",
          "proxy_temp_path",
          "fastcgi_temp_path",
          "uwsgi_temp_path",
          "scgi_temp_path",
          "proxy_cache_path"
        }) {
      assertThat(conf).containsPattern("(?m)^\\s*" + directive + " /tmp/bench-nginx/");
    }
  }

  @Test
  void keepsItsWorkersRootOnlyWhenStartedByRoot() {
    assertThat(NginxConfig.render(1, 2, prefix, true)).startsWith("user root;\n");
    assertThat(NginxConfig.render(1, 2, prefix, false)).doesNotContain("user ");
  }

  @Test
  void bracesBalance() {
    String conf = NginxConfig.render(1, 2, prefix, true);
    assertThat(conf.chars().filter(c -> c == '{').count())
        .isEqualTo(conf.chars().filter(c -> c == '}').count());
  }
}
