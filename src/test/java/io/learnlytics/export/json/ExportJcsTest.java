package io.learnlytics.export.json;

import static io.learnlytics.export.ExportFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON Canonicalization Scheme (RFC 8785), checked against the RFC's own examples. */
class ExportJcsTest {

  /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void numbersAreWrittenAsEcmaScriptDoesForTheRfcAppendixBValues(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThat(Jcs.number(d)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1e21, 1e+21",
    "1e-7, 1e-7",
    "-0.0, 0",
    "333333333.33333329, 333333333.3333333",
    "4.50, 4.5",
    "2e-3, 0.002",
    "0.000001, 0.000001",
    "1E30, 1e+30",
    "0.000000000000000000000000001, 1e-27",
    "100, 100",
    "0.1, 0.1",
    "-12.75, -12.75",
    "123456789012345680000, 123456789012345680000"
  })
  void numbersFromTheBriefAndSection3_2_2_3AreCanonical(String literal, String expected) {
    assertThat(Jcs.number(Double.parseDouble(literal))).isEqualTo(expected);
  }

  @Test
  void nanAndInfinityAreNotJsonNumbersAndAreRefused() {
    assertThatThrownBy(() -> Jcs.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jcs.number(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** RFC 8785 §3.2.2: the example's canonical form, byte for byte. */
  @Test
  void theRfcSerializationExampleCanonicalizesToTheRfcOutput() {
    String input =
        """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;
    assertThat(Jcs.canonicalString(json(input)))
        .isEqualTo(
            "{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  /** RFC 8785 §3.2.3: members sorted by UTF-16 code units (the emoji's surrogates sort early). */
  @Test
  void theRfcSortingExampleSortsByUtf16CodeUnits() {
    String input =
        """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;
    assertThat(Jcs.canonicalString(json(input)))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"😀\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void controlCharactersUseShortEscapesOrLowercaseHexAndEverythingElseIsLiteral() {
    String s = "\u0000\u001f\b\f\t\n\r\u007f\u2028/é😀";
    assertThat(Jcs.canonicalString(TextNode.valueOf(s)))
        .isEqualTo("\"\\u0000\\u001f\\b\\f\\t\\n\\r\u007f\u2028/é😀\"");
  }

  @Test
  void aLoneSurrogateIsEscapedSinceUtf8CannotHoldIt() {
    assertThat(Jcs.canonicalString(TextNode.valueOf("a\ud800b"))).isEqualTo("\"a\\ud800b\"");
  }

  /**
   * The fast path for short decimals must agree with the general algorithm everywhere it applies.
   */
  @Test
  void theFastNumberPathAgreesWithTheGeneralOneOnRandomValues() {
    Random random = new Random(8785);
    for (int i = 0; i < 200_000; i++) {
      double d =
          switch (i % 4) {
            case 0 -> Math.round(random.nextDouble() * 1000) / 1000.0; // quality-like
            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 10);
            case 2 -> Math.round(random.nextGaussian() * 1e6) / Math.pow(10, random.nextInt(10));
            default -> Double.longBitsToDouble(random.nextLong());
          };
      if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
        continue;
      }
      String fast = Jcs.fastNumber(d);
      if (fast != null) {
        assertThat(fast).as("bits %x", Double.doubleToLongBits(d)).isEqualTo(Jcs.slowNumber(d));
      }
      assertThat(Double.parseDouble(Jcs.number(d))).isEqualTo(d);
    }
  }

  /**
   * ECMAScript asks for the fewest significant digits that read back as the same double; a brute
   * force search (round the exact value to 1, 2, ... digits) must never find fewer.
   */
  @Test
  void numbersUseTheFewestSignificantDigitsThatReadBackAsTheSameDouble() {
    Random random = new Random(20);
    for (int i = 0; i < 20_000; i++) {
      double d =
          i % 2 == 0
              ? Double.longBitsToDouble(random.nextLong())
              : Double.longBitsToDouble(random.nextLong() >>> 12); // subnormals too
      if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
        continue;
      }
      int fewest = 1;
      while (Double.parseDouble(String.format(java.util.Locale.ROOT, "%." + (fewest - 1) + "e", d))
          != d) {
        fewest++;
      }
      String mantissa = Jcs.number(Math.abs(d)).split("e")[0].replace(".", "");
      String significant = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
      assertThat(significant.length()).as("%s", Jcs.number(d)).isLessThanOrEqualTo(fewest);
      assertThat(Double.parseDouble(Jcs.number(d))).isEqualTo(d);
    }
  }

  /** Stored text is written from its UTF-8 bytes; it must come out as the String path writes it. */
  @Test
  void writingUtf8BytesGivesTheSameOutputAsWritingTheString() throws Exception {
    Random random = new Random(42);
    int[] alphabet = "aZ09 \"\\/\n\t\u0001\u001fé€😀\u007f\u2028".codePoints().toArray();
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int k = 0; k < length; k++) {
        sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream fromBytes = new ByteArrayOutputStream();
      try (CanonicalWriter w = new CanonicalWriter(fromBytes)) {
        w.utf8(utf8, 0, utf8.length);
      }
      assertThat(fromBytes.toString(StandardCharsets.UTF_8))
          .isEqualTo(Jcs.canonicalString(TextNode.valueOf(s)));
    }
  }

  @Test
  void invalidUtf8BytesAreDecodedWithReplacementCharactersRatherThanCopied() throws Exception {
    byte[] bad = {'a', (byte) 0xc3, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CanonicalWriter w = new CanonicalWriter(out)) {
      w.utf8(bad, 0, bad.length);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            Jcs.canonicalString(
                TextNode.valueOf(new String(bad, StandardCharsets.UTF_8)))) // U+FFFD
        .contains("\ufffd");
  }

  @Test
  void theWriterRefusesMembersOutOfJcsOrderRatherThanWriteAnUnverifiableDocument()
      throws Exception {
    CanonicalWriter w = new CanonicalWriter(new ByteArrayOutputStream());
    w.beginObject().name("b").number(1);
    assertThatThrownBy(() -> w.name("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sorted");
    assertThatThrownBy(() -> w.name("b")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void longsBeyondTwoToThe53AreWrittenAsTheDoublesJcsNumbersAre() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CanonicalWriter w = new CanonicalWriter(out)) {
      w.beginArray().number(9007199254740993L).number(-42L).number(Long.MIN_VALUE).endArray();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("[9007199254740992,-42,-9223372036854776000]");
  }
}
