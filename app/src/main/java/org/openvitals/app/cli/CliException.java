package org.openvitals.app.cli;

/** A command cannot do what was asked; the message says why, in one sentence. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
