package io.cachelet.sample;

import io.cachelet.config.ConfigSources;

/** Starts the sample from the environment; see {@link SampleSettings} for the variables. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // Weld logs through JBoss Logging; send it to SLF4J like everything else
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    SampleApp app;
    try {
      app =
          SampleApp.start(SampleSettings.fromEnvironment(System.getenv(), ConfigSources.system()));
    } catch (StartupException e) {
      System.err.println();
      System.err.println("The Cachelet sample did not start: " + e.getMessage());
      System.err.println();
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-shutdown"));
    app.join();
  }
}
