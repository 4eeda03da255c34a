package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * {@code java -jar app.jar verify-log <export.jsonl> <checkpoint.json> <public-key>}: checks a downloaded
 * log against a downloaded checkpoint and public key, with nothing of the city's servers. Runs from
 * main() before Spring starts, so it needs no database, network or configuration.
 *
 * <p>Exit codes: 0 = OK, 1 = the log does not match (the first bad entry is printed), 2 = bad usage or
 * unreadable files.
 */
public final class OfflineVerifier {

  public static final String COMMAND = "verify-log";

  private OfflineVerifier() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 4 || !COMMAND.equals(args[0])) {
      err.println("usage: java -jar sanctuary-workflow.jar verify-log <export.jsonl> <checkpoint.json> <public-key>");
      return 2;
    }
    Checkpoint checkpoint;
    PublicKey key;
    try {
      ObjectMapper json = new ObjectMapper().findAndRegisterModules();
      checkpoint = json.readValue(Files.readString(Path.of(args[2]), StandardCharsets.UTF_8), Checkpoint.class);
      key = LogKeys.parsePublicKey(Files.readString(Path.of(args[3]), StandardCharsets.UTF_8));
    } catch (IOException | GeneralSecurityException e) {
      err.println("cannot read the checkpoint or the public key: " + e.getMessage());
      return 2;
    }
    LogVerifier.Result result;
    try {
      result = verify(Path.of(args[1]), checkpoint, key);
    } catch (IOException e) {
      err.println("cannot read the export: " + e.getMessage());
      return 2;
    }
    (result.ok() ? out : err).println(result.describe());
    return result.ok() ? 0 : 1;
  }

  public static LogVerifier.Result verify(Path export, Checkpoint checkpoint, PublicKey key) throws IOException {
    try (InputStream in = Files.newInputStream(export)) {
      return verify(in, checkpoint, key);
    }
  }

  /**
   * Reads the export in large blocks of bytes and parses each line where it lies in the block. Lines in the
   * form the city writes take the fast path ({@link ExportFormat.CanonicalReader}); any other line is decoded
   * and parsed in full, exactly as a line-by-line reader would see it, so both paths check the same things.
   */
  public static LogVerifier.Result verify(InputStream in, Checkpoint checkpoint, PublicKey key) throws IOException {
    LogVerifier verifier = new LogVerifier(checkpoint, key);
    ExportFormat.CanonicalReader canonical = new ExportFormat.CanonicalReader();
    byte[] buf = new byte[READ_BLOCK];
    int start = 0;
    int end = 0;
    boolean eof = false;
    while (true) {
      while (start < end) {
        int stop = canonical.parse(buf, start, end);
        if (stop >= 0 && stop < end && buf[stop] == '\n') {
          verifier.accept(canonical);
          start = stop + 1;
          continue;
        }
        int newline = indexOf(buf, (byte) '\n', start, end);
        if (newline < 0 && !eof) {
          // The line goes on past the bytes read so far (or ends exactly there): read more, then parse it again.
          break;
        }
        int lineEnd = newline < 0 ? end : newline;
        if (stop >= 0 && (stop == lineEnd || stop + 1 == lineEnd && buf[stop] == '\r')) {
          verifier.accept(canonical);
        } else {
          slowLines(buf, start, lineEnd, verifier);
        }
        start = newline < 0 ? end : newline + 1;
      }
      if (eof) {
        return verifier.finish();
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        // One line longer than the block: it is read whole, as a line reader would.
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int read = in.read(buf, end, buf.length - end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
      }
    }
  }

  /** Bytes asked of the file per read (the benchmark's SHA-256 reference reads the export the same way). */
  public static final int READ_BLOCK = 1 << 20;

  /**
   * A line off the fast path, parsed in full. It is split at a lone carriage return as well, as
   * BufferedReader.readLine does (a "\r\n" ending was already cut at the newline). Bytes that are not UTF-8
   * make that line unreadable: replacing them would hash other bytes than the file holds.
   */
  private static void slowLines(byte[] buf, int from, int to, LogVerifier verifier) {
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    int lineStart = from;
    for (int i = from; i <= to; i++) {
      if (i < to && buf[i] != '\r') {
        continue;
      }
      String line;
      try {
        line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, lineStart, i - lineStart)).toString();
      } catch (CharacterCodingException e) {
        verifier.unreadable("not valid UTF-8");
        lineStart = i + 1;
        continue;
      }
      lineStart = i + 1;
      if (line.isBlank()) {
        continue;
      }
      try {
        ExportFormat.Line parsed = ExportFormat.parse(line);
        verifier.accept(parsed.entry(), parsed.leafHash());
      } catch (IOException e) {
        verifier.unreadable(e.getMessage());
      }
    }
  }

  private static int indexOf(byte[] b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
