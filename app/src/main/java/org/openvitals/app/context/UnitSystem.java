package org.openvitals.app.context;

/** How values are shown to the user; the store always keeps canonical (UCUM, metric) units. */
public enum UnitSystem {
  METRIC,
  IMPERIAL
}
