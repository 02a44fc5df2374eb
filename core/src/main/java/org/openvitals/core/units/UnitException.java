package org.openvitals.core.units;

/** A unit that is unknown, or that does not fit the metric it was given for. */
public final class UnitException extends IllegalArgumentException {
  public UnitException(String message) {
    super(message);
  }
}
