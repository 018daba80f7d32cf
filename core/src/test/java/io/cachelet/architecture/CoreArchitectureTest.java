package io.cachelet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cachelet.store.CacheStores;
import org.junit.jupiter.api.Test;

/** The boundaries DESIGN.md draws around the core, checked on its compiled classes. */
class CoreArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.cachelet");

  @Test
  void theCoreKnowsNothingOfServletsCdiOrAspectJ() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.servlet..", "jakarta.enterprise..", "jakarta.inject..", "org.aspectj..")
        .because("core is shared by the filter, the CDI interceptor and the aspect alike")
        .check(CORE);
  }

  @Test
  void onlyTheStoreFactoryKnowsTheAdapters() {
    for (String adapter : new String[] {"memory", "near", "redis", "resilient"}) {
      String adapterPackage = "io.cachelet.store." + adapter + "..";
      noClasses()
          .that()
          .resideOutsideOfPackage(adapterPackage)
          .and()
          .doNotHaveFullyQualifiedName(CacheStores.class.getName())
          .should()
          .dependOnClassesThat()
          .resideInAPackage(adapterPackage)
          .allowEmptyShould(true)
          .because("callers program against the CacheStore port")
          .check(CORE);
    }
  }

  @Test
  void corePackagesHaveNoCycles() {
    slices().matching("io.cachelet.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
