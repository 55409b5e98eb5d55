package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskscheduler.db.Database;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The database itself refuses a second claim of the same fire. */
class FireClaimTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSecondClaimOfTheSameTaskFireAndTriggerIsRefusedAndRecognisedAsLost(Kind kind)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      Instant fire = Instant.parse("2025-01-01T08:00:00Z");
      insert(db, new FireClaim(1, fire, "schedule", 10));
      insert(db, new FireClaim(1, fire, "manual", 11));
      insert(db, new FireClaim(2, fire, "schedule", 12));

      assertThatThrownBy(() -> insert(db, new FireClaim(1, fire, "schedule", 13)))
          .isInstanceOf(PersistenceException.class)
          .satisfies(e -> assertThat(Claims.isUniqueViolation(e)).isTrue());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aMissingValueIsAFailureNotAClaimAnotherSchedulerWon(Kind kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), null)) {
      // TriggeredBy is NOT NULL: integrity class 23 too, but no duplicate.
      assertThatThrownBy(
              () -> insert(db, new FireClaim(1, Instant.parse("2025-01-01T08:00:00Z"), null, 10)))
          .isInstanceOf(PersistenceException.class)
          .satisfies(e -> assertThat(Claims.isUniqueViolation(e)).isFalse());
    }
  }

  @org.junit.jupiter.api.Test
  void sqlServersDuplicateKeyErrorsAreLostClaimsAndItsOtherIntegrityErrorsAreNot() {
    assertThat(Claims.isUniqueViolation(new java.sql.SQLException("dup index", "23000", 2601)))
        .isTrue();
    assertThat(Claims.isUniqueViolation(new java.sql.SQLException("dup key", "23000", 2627)))
        .isTrue();
    // 547: a foreign key or check constraint; 515: NULL into a NOT NULL column.
    assertThat(Claims.isUniqueViolation(new java.sql.SQLException("fk", "23000", 547))).isFalse();
    assertThat(Claims.isUniqueViolation(new java.sql.SQLException("null", "23000", 515))).isFalse();
  }

  private static void insert(Database db, FireClaim claim) {
    db.inTransaction(
        em -> {
          em.persist(claim);
          return claim;
        });
  }
}
