package org.openvitals.connectors.applehealth;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The StAX factory for everything read from an export. Aalto, because the JDK's parser stops on
 * real exports (its entity-size limit trips over the {@code &lt;} escapes in every {@code device}
 * attribute; see docs/architecture.md, "Verified set-ups", and docs/decisions/0003) and Aalto is
 * twice as fast as Woodstox here.
 *
 * <p>Real exports start with an internal DTD subset, which must not stop the parser; it is skipped,
 * never processed. External entities and entity expansion are off, and a resolver that refuses
 * everything guarantees that no file or URL named in a DOCTYPE is ever opened. A reference to a
 * declared entity ({@code &xxe;}, the billion-laughs {@code &lol9;}) therefore ends the parse with
 * an error instead of being expanded.
 */
public final class SecureXml {
  private SecureXml() {}

  public static XMLInputFactory factory() {
    XMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException(
          "refused to resolve external entity " + systemId + " (external entities are off)");
    });
    return f;
  }

  /** A reason people can act on, for Aalto's terse messages about entities. */
  public static String explain(XMLStreamException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int at = message.indexOf("\n at [");
    if (at >= 0) {
      message = message.substring(0, at);
    }
    if (message.startsWith("General entity reference")
        || message.startsWith("Unexpanded ENTITY_REFERENCE")) {
      String ref = "an entity";
      int amp = message.indexOf('&');
      int semi = message.indexOf(';', amp);
      int open = message.indexOf('(');
      int close = message.indexOf(')', open);
      if (amp >= 0 && semi > amp) {
        ref = message.substring(amp, semi + 1);
      } else if (open >= 0 && close > open) {
        ref = "&" + message.substring(open + 1, close) + ";";
      }
      return "refused entity reference "
          + ref
          + " (entities declared in a DOCTYPE are never expanded: no real Apple Health export"
          + " uses them, and they are how XXE and billion-laughs attacks work)";
    }
    return message.strip();
  }
}
