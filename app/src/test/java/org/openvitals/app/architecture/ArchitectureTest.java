package org.openvitals.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md ("Modules"), checked on the compiled classes of
 * every module (the app module's test class path holds them all): core has no UI, no HTTP and none
 * of our outer modules; connectors never reach into the app.
 */
class ArchitectureTest {
  private static final String[] FORBIDDEN_IN_CORE = {
    "javafx..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "org.openvitals.connectors..",
    "org.openvitals.app..",
    "org.openvitals.bridge.."
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // Our modules come as target/classes folders or openvitals-*.jar; skip scanning the rest.
          .withImportOption(location -> !location.isJar() || location.contains("/openvitals-"))
          .importPackages("org.openvitals");

  /** A rule whose "that" matches no class fails instead of passing vacuously. */
  private static ArchRule mayNotUse(String packages, String... forbidden) {
    return noClasses()
        .that()
        .resideInAPackage(packages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .allowEmptyShould(false);
  }

  @Test
  void coreUsesNoJavaFxNoHttpAndNoOuterModule() {
    mayNotUse("org.openvitals.core..", FORBIDDEN_IN_CORE).check(CLASSES);
  }

  @Test
  void connectorsNeverUseTheApp() {
    mayNotUse("org.openvitals.connectors..", "org.openvitals.app..").check(CLASSES);
  }

  /**
   * The assistant talks to a model server, so it lives in the app (core has no HTTP) in one
   * package, without JavaFX, so its view model and tests use it without a window.
   */
  @Test
  void onlyTheAssistantTalksToAModelAndItUsesNoJavaFx() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.openvitals.app.assistant..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.langchain4j..")
        .check(CLASSES);
    mayNotUse("org.openvitals.app.assistant..", "javafx..").check(CLASSES);
  }

  /**
   * The packaged runtime has javax.sound's classes and java.awt.SplashScreen (java.desktop, which
   * JavaFX requires) without their native libraries (installer's Packager.LEFT_OUT_LIBRARIES), so
   * that the Linux packages need no ALSA. There javax.sound finds no device at all and
   * SplashScreen.getSplashScreen() throws an UnsatisfiedLinkError (both tried on the packaged
   * runtime).
   */
  private static final ArchRule NO_SOUND_OR_SPLASH_SCREEN =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javax.sound..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.awt.SplashScreen")
          .because(
              "the packaged runtime leaves out javax.sound's and the splash screen's native"
                  + " libraries (installer's Packager.LEFT_OUT_LIBRARIES): in the package javax.sound"
                  + " finds no device and SplashScreen throws UnsatisfiedLinkError");

  @Test
  void nothingPlaysSoundOrShowsASplashScreen() {
    NO_SOUND_OR_SPLASH_SCREEN.check(CLASSES);
  }

  @Test
  void theRulesSeeTheRealClassesOfEveryModule() {
    assertThat(CLASSES.stream().map(JavaClass::getName))
        .contains(
            "org.openvitals.core.model.MetricType",
            "org.openvitals.core.store.SampleStore",
            "org.openvitals.connectors.files.FileImporter",
            "org.openvitals.app.Main");
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith("org.openvitals.core")))
        .hasSizeGreaterThan(20);
  }

  @Test
  void theCoreRuleWouldCatchAViolation() {
    // The app package uses JavaFX: the same rule applied to it must fail.
    assertThatThrownBy(() -> mayNotUse("org.openvitals.app..", FORBIDDEN_IN_CORE).check(CLASSES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("javafx");
  }

  @Test
  void aRuleOverNoClassesFails() {
    assertThatThrownBy(() -> mayNotUse("org.openvitals.nothing..", "javafx..").check(CLASSES))
        .isInstanceOf(AssertionError.class);
  }
}
