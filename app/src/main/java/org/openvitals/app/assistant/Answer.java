package org.openvitals.app.assistant;

import java.time.Instant;
import java.util.List;

/** The model's answer to one question, with every tool call it made on the way. */
public record Answer(Instant at, String question, String text, List<ToolCall> calls) {
  public Answer {
    calls = List.copyOf(calls);
  }
}
