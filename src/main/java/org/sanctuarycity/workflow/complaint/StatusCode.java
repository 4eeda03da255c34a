package org.sanctuarycity.workflow.complaint;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The complainant's status code: 16 symbols shown as four groups of four (e.g. {@code 7KQM-X4RT-9HCW-2ZPN}), read
 * aloud or copied by hand from paper, so the alphabet leaves out the look-alikes 0/O, 1/I/L and U (Crockford's base
 * 32 without 0 and 1: 30 symbols).
 *
 * <p>Entropy: 16 symbols of 30 give 16 x log2(30) = 78.5 bits. A status check needs the complaint number as well and
 * is limited to 5 attempts an hour per address (app.complaints.max-per-hour); even a million addresses guessing
 * without pause (5 x 10^6 guesses an hour) would need about 5 x 10^12 years for an even chance at one
 * complaint. 78 bits is short of the 80 often
 * quoted for keys an attacker can test offline, but only the SHA-256 of the code is stored and the code is checked
 * online only; a 20-symbol code (98 bits) would be a fifth group to copy for no practical gain.
 *
 * <p>Input is accepted in upper or lower case, with or without the dashes, spaces or dots people put between the
 * groups. Codes handed out before this format (32 case-sensitive base64url characters) keep working: their
 * SHA-256 was stored over the code exactly as shown, which {@link #legacyHashInput} keeps.
 */
final class StatusCode {

  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int LENGTH = 16;
  static final int GROUP = 4;

  private StatusCode() {}

  /** A new code in its canonical form (upper case, no separators): what is hashed and stored. */
  static String generate(SecureRandom random) {
    StringBuilder s = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  /** The canonical code in groups of four for display: {@code ABCD-EFGH-JKMN-PQRS}. */
  static String grouped(String canonical) {
    StringBuilder s = new StringBuilder(canonical.length() + canonical.length() / GROUP);
    for (int i = 0; i < canonical.length(); i++) {
      if (i > 0 && i % GROUP == 0) {
        s.append('-');
      }
      s.append(canonical.charAt(i));
    }
    return s.toString();
  }

  /** What a person typed, as a canonical code, or empty if it cannot be one. */
  static Optional<String> canonical(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.replaceAll("[\\s.\\-\u2010-\u2015]", "").toUpperCase(Locale.ROOT);
    if (s.length() != LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(s);
  }

  /** A pre-format code is compared as given (it is case-sensitive), without surrounding spaces. */
  static String legacyHashInput(String typed) {
    return typed.strip();
  }
}
