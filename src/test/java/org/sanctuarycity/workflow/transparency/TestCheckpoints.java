package org.sanctuarycity.workflow.transparency;

import java.security.PrivateKey;
import java.time.Instant;

/** Signs a checkpoint outside the application (the benchmark's export for the offline verifier). */
public final class TestCheckpoints {

  private TestCheckpoints() {}

  public static Checkpoint sign(String origin, long treeSize, byte[] root, Instant timestamp, String keyId,
      PrivateKey key) {
    return Checkpoint.sign(origin, treeSize, root, timestamp, keyId, key);
  }
}
