package org.openvitals.bridge.pairing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks the person at the desktop whether a phone may pair, showing the comparison code the phone
 * shows too. The app opens a dialog; {@code serve} asks on the terminal, or with {@code --accept}
 * allows every request.
 */
@FunctionalInterface
public interface ApprovalHook {

  /** True to allow. May complete later; an unanswered request expires. */
  CompletionStage<Boolean> ask(PairingRequest request);

  /** Allows every request (scripts and tests). */
  ApprovalHook ACCEPT_ALL = r -> CompletableFuture.completedFuture(true);

  /** What the person is asked about. */
  record PairingRequest(String deviceName, String model, String osVersion, String comparisonCode) {}
}
