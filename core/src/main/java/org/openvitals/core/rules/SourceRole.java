package org.openvitals.core.rules;

/** What a source's data did for one metric on one day. */
public enum SourceRole {
  /** The preferred source with usable data: the value comes (mostly) from it. */
  PRIMARY,
  /** A fallback that filled time, nights or windows the preferred source lacked. */
  FILLED_GAPS,
  /** Had data, but a preferred source covered the same time, so none of it was used. */
  OVERRIDDEN,
  /**
   * Its own total was larger than the slice-by-slice merge, so the day shows its total (a day never
   * shows less than one source alone counted).
   */
  FLOOR,
  /** Only implausible data that day. */
  IMPLAUSIBLE_ONLY
}
