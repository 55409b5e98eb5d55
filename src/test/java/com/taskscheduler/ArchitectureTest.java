package com.taskscheduler;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines between our packages, held by the build. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.taskscheduler");
  }

  @Test
  void theSchedulerNeverUsesJaxRs() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..scheduler..", "..run..", "..schedule..", "..task..", "..heartbeat..", "..db..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.ws.rs..", "org.glassfish.jersey..")
        .check(classes);
  }

  @Test
  void resourcesAndFiltersNeverTouchProcesses() {
    noClasses()
        .that()
        .resideInAnyPackage("..web..", "..auth..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Process.class, ProcessBuilder.class, ProcessHandle.class)
        .check(classes);
  }

  @Test
  void onlyTheLauncherStartsProcesses() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..run.launch..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ProcessBuilder.class)
        .check(classes);
  }

  @Test
  void timeIsReadOnlyThroughAnInjectedClock() {
    noClasses()
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(classes);
  }

  @Test
  void resourcesReturnDtosNeverEntities() {
    methods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("..web..")
        .and()
        .arePublic()
        .should()
        .haveRawReturnType(
            describe("no entity", (JavaClass type) -> !type.isAnnotatedWith(Entity.class)))
        .check(classes);
  }
}
