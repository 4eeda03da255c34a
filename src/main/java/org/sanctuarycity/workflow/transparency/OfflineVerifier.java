package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

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
    LogVerifier verifier = new LogVerifier(checkpoint, key);
    try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        // Lines as the city writes them take the fast path; anything else is parsed in full and re-encoded.
        ExportFormat.CanonicalLine canonical = ExportFormat.parseCanonical(line);
        if (canonical != null) {
          verifier.accept(canonical);
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
    return verifier.finish();
  }
}
