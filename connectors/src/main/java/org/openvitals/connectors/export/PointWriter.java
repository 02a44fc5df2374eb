package org.openvitals.connectors.export;

import java.io.IOException;
import java.util.Map;
import org.openvitals.core.model.MetricType;

/** One standard format's writer: which metrics it has a place for, and how it writes a point. */
public interface PointWriter {
  /** Whether the format has a schema or code for {@code metric}'s readings. */
  boolean supports(MetricType metric);

  /** Writes whatever opens the file; called once, before the first point. */
  void begin() throws IOException;

  void write(Point point) throws IOException;

  /** Writes whatever closes the file; called once, after the last point. */
  void end() throws IOException;

  /** How many data points or resources were written, per schema or code. */
  Map<String, Long> written();
}
