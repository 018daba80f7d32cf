package io.cachelet.store;

/** The bus of {@link InvalidationBus#none()}: publishes nowhere, always "connected". */
enum NoInvalidationBus implements InvalidationBus {
  INSTANCE;

  @Override
  public void publish(Invalidation invalidation) {}

  @Override
  public void start(Listener listener) {
    listener.resync();
  }

  @Override
  public boolean connected() {
    return true;
  }

  @Override
  public void close() {}
}
