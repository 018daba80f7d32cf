/**
 * The sample WAR on real application server distributions: each server is started once as a child
 * process on free ports, the WAR deployed, and {@link io.cachelet.servers.ServerContract} run
 * against it over HTTP.
 */
package io.cachelet.servers;
