/** The in-process store on Caffeine: the embedded default when no Redis is configured. */
package io.cachelet.store.memory;
