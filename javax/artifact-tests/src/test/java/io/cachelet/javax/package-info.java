/**
 * Checks of the javax artifacts as files, the way a Servlet 4 container would load them: the
 * transformer's output read back class by class and descriptor by descriptor.
 */
package io.cachelet.javax;
