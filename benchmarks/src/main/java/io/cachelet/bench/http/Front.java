package io.cachelet.bench.http;

import java.net.http.HttpHeaders;

/** What answers wrk: the bench server itself, or a reverse-proxy cache in front of it. */
enum Front {
  SERVER {
    @Override
    boolean isHit(HttpHeaders headers) {
      return true;
    }
  },
  NGINX {
    @Override
    boolean isHit(HttpHeaders headers) {
      return headers.firstValue("X-Cache-Status").filter("HIT"::equals).isPresent();
    }
  },
  VARNISH {
    /** Varnish names the request and, on a hit, the request that stored the object: two ids. */
    @Override
    boolean isHit(HttpHeaders headers) {
      return headers.firstValue("X-Varnish").filter(v -> v.trim().contains(" ")).isPresent();
    }
  };

  /** Whether a response through this front came from its cache, for checking the peers do cache. */
  abstract boolean isHit(HttpHeaders headers);
}
