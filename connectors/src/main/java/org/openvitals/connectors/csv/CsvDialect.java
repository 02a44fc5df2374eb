package org.openvitals.connectors.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a CSV file is written: its character set, how many bytes of byte-order mark precede the text,
 * and its delimiter. Detected from the first bytes so the rest can be streamed.
 *
 * <p>Encoding: a UTF-8 or UTF-16 byte-order mark decides; without one, text that decodes as strict
 * UTF-8 is UTF-8, anything else is Windows-1252 (what Excel on Windows writes for "CSV"). The
 * delimiter is whichever of comma, semicolon and tab splits the header line (outside quotes) into
 * the most fields.
 */
public record CsvDialect(Charset charset, int bomLength, char delimiter) {

  /** How far into the file detection looks. */
  static final int SNIFF_BYTES = 64 * 1024;

  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Detects the dialect of a stream that supports mark/reset; the stream is left at its start. */
  public static CsvDialect detect(BufferedInputStream in) throws IOException {
    in.mark(SNIFF_BYTES + 1);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    return detect(head, head.length < SNIFF_BYTES);
  }

  static CsvDialect detect(byte[] head, boolean complete) {
    Charset charset;
    int bom = 0;
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      charset = StandardCharsets.UTF_8;
      bom = 3;
    } else if (startsWith(head, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (startsWith(head, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      bom = 2;
    } else {
      charset = isUtf8(head, complete) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }
    String text = new String(head, bom, head.length - bom, charset);
    return new CsvDialect(charset, bom, delimiterOf(firstLine(text)));
  }

  /** The dialect with a given delimiter and/or charset instead of the detected ones. */
  public CsvDialect with(Character delimiterOrNull, Charset charsetOrNull) {
    return new CsvDialect(
        charsetOrNull == null ? charset : charsetOrNull,
        bomLength,
        delimiterOrNull == null ? delimiter : delimiterOrNull);
  }

  /** Skips the byte-order mark of a stream positioned at the start of the file. */
  public InputStream skipBom(InputStream in) throws IOException {
    in.skipNBytes(bomLength);
    return in;
  }

  private static boolean isUtf8(byte[] head, boolean complete) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int length = head.length;
    if (!complete) {
      // The sniffed block may end inside a multi-byte sequence: drop a trailing partial one.
      int back = 0;
      while (back < 3 && length - back - 1 >= 0 && (head[length - back - 1] & 0xC0) == 0x80) {
        back++;
      }
      if (length - back - 1 >= 0 && (head[length - back - 1] & 0xC0) == 0xC0) {
        length = length - back - 1;
      }
    }
    try {
      decoder.decode(ByteBuffer.wrap(Arrays.copyOf(head, length)));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String firstLine(String text) {
    int end = 0;
    boolean quoted = false;
    while (end < text.length()) {
      char c = text.charAt(end);
      if (c == '"') {
        quoted = !quoted;
      } else if ((c == '\n' || c == '\r') && !quoted) {
        break;
      }
      end++;
    }
    return text.substring(0, end);
  }

  static char delimiterOf(String line) {
    char best = ',';
    int bestCount = 0;
    for (char candidate : new char[] {',', ';', '\t'}) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == candidate && !quoted) {
          count++;
        }
      }
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes the header line of a file's first bytes, for cheap recognition ({@code canRead}). */
  public static String headerLine(byte[] head) {
    CsvDialect dialect = detect(head, false);
    return firstLine(
        new String(
            head, dialect.bomLength(), head.length - dialect.bomLength(), dialect.charset()));
  }
}
