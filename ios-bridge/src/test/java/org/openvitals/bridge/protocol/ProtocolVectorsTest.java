package org.openvitals.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every pairing-payload, comparison-code and request vector, against the Java side. */
class ProtocolVectorsTest {

  @TestFactory
  Stream<DynamicTest> validPairingPayloadsParse() {
    return stream(Vectors.read("pairing-payloads.json").get("valid"))
        .map(v ->
            DynamicTest.dynamicTest(
                v.get("name").asText(),
                () -> {
                  PairingPayload p = PairingPayload.parse(v.get("payload").asText());
                  JsonNode e = v.get("expect");
                  List<String> hosts = new ArrayList<>();
                  e.get("hosts").forEach(h -> hosts.add(h.asText()));
                  assertThat(p.hosts()).isEqualTo(hosts);
                  assertThat(p.port()).isEqualTo(e.get("port").asInt());
                  assertThat(p.keyHash()).isEqualTo(e.get("key_hash").asText());
                  assertThat(p.secret()).isEqualTo(e.get("secret").asText());
                  assertThat(p.name()).isEqualTo(e.get("name").asText());
                  // What the desktop writes reads back the same.
                  assertThat(PairingPayload.parse(p.format())).isEqualTo(p);
                }));
  }

  @TestFactory
  Stream<DynamicTest> invalidPairingPayloadsAreRefusedWithTheirReason() {
    return stream(Vectors.read("pairing-payloads.json").get("invalid"))
        .map(v ->
            DynamicTest.dynamicTest(
                v.get("name").asText(),
                () ->
                    assertThatThrownBy(() -> PairingPayload.parse(v.get("payload").asText()))
                        .isInstanceOfSatisfying(
                            PairingPayload.InvalidPayloadException.class,
                            x -> assertThat(x.reason()).isEqualTo(v.get("reason").asText()))));
  }

  @TestFactory
  Stream<DynamicTest> comparisonCodes() {
    return stream(Vectors.read("comparison-codes.json").get("vectors"))
        .map(v ->
            DynamicTest.dynamicTest(
                v.get("code").asText(),
                () ->
                    assertThat(
                            ComparisonCode.of(
                                v.get("key_hash").asText(),
                                v.get("phone_nonce").asText(),
                                v.get("desktop_nonce").asText()))
                        .isEqualTo(v.get("code").asText())));
  }

  @TestFactory
  Stream<DynamicTest> requestBodiesAgainstTheSchema() {
    return stream(Vectors.read("requests.json").get("vectors"))
        .map(v ->
            DynamicTest.dynamicTest(
                v.get("name").asText(),
                () -> {
                  var violation =
                      ProtocolSchema.get().check(v.get("schema").asText(), v.get("body"));
                  if (v.get("valid").asBoolean()) {
                    assertThat(violation).isEmpty();
                  } else {
                    assertThat(violation).isPresent();
                    assertThat(violation.get().field()).isEqualTo(v.get("field").asText());
                  }
                }));
  }

  @Test
  void everySampleFormInSamplesJsonIsAValidSample() {
    Vectors.read("samples.json")
        .properties()
        .forEach(e -> {
          if (e.getValue().isObject()) {
            assertThat(ProtocolSchema.get().check("Sample", e.getValue())).as(e.getKey()).isEmpty();
          }
        });
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list.stream();
  }
}
