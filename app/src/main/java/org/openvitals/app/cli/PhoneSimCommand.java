package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.bridge.phone.PhoneSim;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.bridge.server.PhoneApi;
import org.openvitals.core.model.Decimals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code openvitals phone-sim}: a reference phone over the real wire protocol (see
 * ios-bridge/spec). Exit 0 when every batch was acknowledged, 1 when the phone could not pair or
 * send (wrong key, refused, unreachable), 2 for usage errors.
 */
@Command(
    name = "phone-sim",
    header =
        "Act as a paired iPhone: pair with 'serve' and send an Apple Health export over the wire.",
    description = {
      "Pins the desktop's key from the pairing code (and refuses a desktop showing another key),",
      "pairs, then sends the export the way a HealthKit app would: a stable UUID per record, one",
      "anchored stream per type in batches, a restart part-way that resumes from the desktop's",
      "anchors, and optionally deletions. Prints a report (sent, acknowledged, retried, rejected)."
    })
public final class PhoneSimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--pairing",
      required = true,
      paramLabel = "PAYLOAD_OR_FILE",
      description =
          "The pairing code (openvitals-pair:v1?...) or a file holding it ('serve --pairing-file').")
  String pairing;

  @Option(
      names = "--export",
      required = true,
      paramLabel = "FILE",
      description = "Apple Health export.zip or export.xml to send.")
  Path export;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Samples per batch (1-10000, default 5000); a batch goes out early at 4 MiB of JSON.")
  int batchSize = 5000;

  @Option(
      names = "--delete",
      paramLabel = "N",
      description = "Delete the first N samples sent, afterwards (default 0).")
  int delete;

  @Option(
      names = "--device-name",
      paramLabel = "NAME",
      description = "The phone's name (default 'phone-sim'); the device id follows from it.")
  String deviceName = "phone-sim";

  @Option(
      names = "--restart-after",
      paramLabel = "BATCHES",
      description =
          "Restart the phone after this many batches and resume from the desktop's anchors (default 3; 0: never).")
  int restartAfter = 3;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batchSize < 1 || batchSize > PhoneApi.MAX_SAMPLES) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be between 1 and " + PhoneApi.MAX_SAMPLES);
    }
    if (!Files.isRegularFile(export)) {
      throw new ParameterException(spec.commandLine(), "No export file at " + export);
    }
    String text = pairing.strip();
    if (!text.startsWith(PairingPayload.PREFIX)) {
      Path file = Path.of(text);
      if (!Files.isRegularFile(file)) {
        throw new ParameterException(
            spec.commandLine(), "--pairing is neither a pairing code nor a file: " + text);
      }
      text = Files.readString(file).strip();
    }
    PairingPayload payload;
    try {
      payload = PairingPayload.parse(text);
    } catch (PairingPayload.InvalidPayloadException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (" + e.reason() + ")");
    }
    PhoneSim.Report r;
    try {
      r =
          PhoneSim.run(
              payload,
              export,
              new PhoneSim.Options(batchSize, delete, deviceName, restartAfter),
              line -> {
                err.println(line);
                err.flush();
              });
    } catch (PhoneSim.PhoneException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("device_id", r.deviceId());
      o.put("comparison_code", r.comparisonCode());
      o.put("sent", r.sent());
      o.put("acknowledged", r.acknowledged());
      o.put("retried", r.retried());
      o.put("rejected", r.rejected());
      o.put("unknown_types", r.unknownTypes());
      o.put("deleted", r.deleted());
      o.put("batches", r.batches());
      o.put("restarts", r.restarts());
      o.put("seconds", Decimals.rounded(r.seconds(), 3));
      o.put("samples_per_second", Decimals.rounded(r.samplesPerSecond(), 0));
      o.put("acknowledged_by_type", r.acknowledgedByType());
      Output.json(out, o);
    } else {
      out.printf(
          "sent %d, acknowledged %d, retried %d, rejected %d, unknown types %d, deleted %d%n"
              + "%d batches, %d restart(s), %.1f s, %.0f samples/s%n",
          r.sent(),
          r.acknowledged(),
          r.retried(),
          r.rejected(),
          r.unknownTypes(),
          r.deleted(),
          r.batches(),
          r.restarts(),
          r.seconds(),
          r.samplesPerSecond());
    }
    return r.rejected() == 0 ? 0 : 1;
  }
}
