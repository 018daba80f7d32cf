package io.cachelet.bench.http;

import java.nio.file.Path;

/**
 * The nginx configuration of the {@code nginx-hit} peer: {@code proxy_cache} in front of the bench
 * origin, the way a team would put it in front of an application, with every file under one prefix
 * directory so that nothing outside it is read or written.
 */
final class NginxConfig {

  private NginxConfig() {}

  /**
   * @param listenPort the loopback port nginx answers on
   * @param originPort the bench server's port
   * @param prefix the directory holding the pid file, the logs, the temp files and the cache
   * @param asRoot whether nginx is started by root, whose workers would otherwise switch to a user
   *     that cannot write the prefix
   */
  static String render(int listenPort, int originPort, Path prefix, boolean asRoot) {
    String dir = prefix.toAbsolutePath().toString();
    return (asRoot ? "user root;\n" : "")
        + """
        # one worker: the figures are CPU per request, and one worker keeps the peer on one core
        # like the other scenarios' single server process
        worker_processes 1;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events {
          worker_connections 4096;
        }
        http {
          access_log off;
          # Debian's default nginx.conf sends files with sendfile; cached bodies are files
          sendfile on;
          tcp_nopush on;
          # wrk's connections live for the whole run, as the bench server lets them
          keepalive_requests 1000000;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy_temp;
          fastcgi_temp_path %1$s/fastcgi_temp;
          uwsgi_temp_path %1$s/uwsgi_temp;
          scgi_temp_path %1$s/scgi_temp;
          proxy_cache_path %1$s/cache levels=1:2 keys_zone=bench:16m max_size=2g inactive=1h use_temp_path=off;
          upstream origin {
            server 127.0.0.1:%3$d;
            keepalive 16;
          }
          server {
            listen 127.0.0.1:%2$d;
            location / {
              proxy_pass http://origin;
              # keep-alive to the origin needs HTTP/1.1 without the client's Connection header
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_cache bench;
              proxy_cache_valid 200 1h;
              add_header X-Cache-Status $upstream_cache_status;
            }
          }
        }
        """
            .formatted(dir, listenPort, originPort);
  }
}
