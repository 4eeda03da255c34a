package org.sanctuarycity.workflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.RequestType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entities with ids the application assigns are inserted, not merged, when saved (a merge would first
 * look for the row and copy every field), and count as stored once saved or loaded. Rolled back, so the
 * shared test database is unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NewEntitySaveIT {

  @Autowired FederalRequestRepository repository;
  @Autowired EntityManager entityManager;
  @Autowired TransactionTemplate tx;

  @Test
  void aNewRequestIsPersistedAsItIsAndIsStoredAfterwards() {
    tx.executeWithoutResult(status -> {
      FederalRequest request = new FederalRequest(UUID.randomUUID(), "FR-2099-99990", "desk");
      request.setAgency(Agency.ICE_ERO);
      request.setRequestType(RequestType.DETAINER);
      request.setChannel(Channel.FAX);
      request.setReceivedAt(Instant.parse("2026-11-27T10:00:00Z"));
      request.setRequester("Agent Test", "B-1", null, null);
      assertThat(request.isNew()).isTrue();
      // A merge returns a managed copy; a persist keeps the very instance.
      assertThat(repository.saveAndFlush(request)).isSameAs(request);
      assertThat(request.isNew()).isFalse();
      entityManager.clear();
      FederalRequest loaded = repository.findById(request.getId()).orElseThrow();
      assertThat(loaded).isNotSameAs(request);
      assertThat(loaded.isNew()).isFalse();
      status.setRollbackOnly();
    });
  }
}
