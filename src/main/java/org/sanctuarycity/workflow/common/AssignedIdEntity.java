package org.sanctuarycity.workflow.common;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose UUID the application assigns before saving it. Spring Data cannot tell such an entity
 * is new (its id is already set), so {@code save} would merge it: a SELECT for a row that cannot exist
 * and a copy of every field, on every intake and every recorded step. Here the entity knows: new until
 * it has been persisted or loaded.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<UUID> {

  @Transient private boolean fresh = true;

  @Override
  public boolean isNew() {
    return fresh;
  }

  @PostPersist
  @PostLoad
  void markStored() {
    fresh = false;
  }
}
