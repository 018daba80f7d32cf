/** Store keys and the glob patterns that select them: built injectively, never unprintable. */
package io.cachelet.key;
