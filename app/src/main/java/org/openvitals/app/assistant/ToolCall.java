package org.openvitals.app.assistant;

/**
 * One tool call the model made while answering, with what it returned, so the person can check
 * every figure the answer uses.
 *
 * @param arguments the arguments as the model sent them (JSON)
 * @param result the tool's answer (JSON) or why it failed or was refused
 */
public record ToolCall(String tool, String arguments, String result, Outcome outcome) {
  public enum Outcome {
    /** The tool ran and returned figures. */
    OK,
    /** The tool ran into an error (an unknown metric, a malformed date); the model was told. */
    ERROR,
    /** The model asked for something that is not one of its tools; nothing was read. */
    REFUSED
  }
}
