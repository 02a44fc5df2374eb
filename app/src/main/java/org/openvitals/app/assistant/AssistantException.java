package org.openvitals.app.assistant;

/** Why the assistant could not answer, in one sentence for the person. */
public final class AssistantException extends RuntimeException {
  public AssistantException(String message) {
    super(message);
  }

  public AssistantException(String message, Throwable cause) {
    super(message, cause);
  }
}
