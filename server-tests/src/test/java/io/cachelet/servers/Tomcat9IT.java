package io.cachelet.servers;

/**
 * Standalone Tomcat 9 (Servlet 4, javax) from the {@code org.apache.tomcat:tomcat} zip, running the
 * javax build of the sample WAR with Weld Servlet 3.1 (CDI 2) in its {@code WEB-INF/lib}: the same
 * server configuration, launch and contract as Tomcat 10.1.
 */
class Tomcat9IT extends StandaloneTomcat {

  Tomcat9IT() {
    super("Tomcat 9", "cachelet.tomcat9.version", "tomcat9");
  }
}
