package dev.leadkit.core;

/**
 * A module that extends the engine: scoring, segments, journeys, identity. Plugins are installed
 * explicitly with {@link LeadKit.Builder#install(LeadKitPlugin)}, in order; there is no
 * discovery.
 */
public interface LeadKitPlugin {
  /** A short name, unique among installed plugins, for logs and reports. */
  String name();

  /**
   * Called once while the engine is built. The plugin keeps {@code kit} for its own use and
   * registers its reactions with {@code hooks}. The engine is not yet running: do no work here.
   */
  void install(LeadKit kit, Hooks hooks);
}
