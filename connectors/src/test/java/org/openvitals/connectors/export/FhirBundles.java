package org.openvitals.connectors.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI FHIR's instance validator over the R4 core definitions (hapi-fhir-validation-resources-r4,
 * which hold the vital-signs profiles) with UCUM checked by HAPI's common code systems. No LOINC
 * terminology is loaded: LOINC codes are checked for form, and the profiles' fixed codes exactly.
 */
final class FhirBundles {
  static final FhirContext R4 = FhirContext.forR4Cached();
  private static final FhirValidator VALIDATOR = validator();

  private static FhirValidator validator() {
    // The validator reads the R4 profiles as XML. Aalto (ours) is the class path's default StAX
    // factory, and HAPI, seeing Woodstox (the validator's) present too, sets Woodstox-only
    // properties on it and fails; so the default here is Woodstox. The Apple Health importer
    // creates its Aalto factory by class and is unaffected.
    System.setProperty("javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory");
    System.setProperty("javax.xml.stream.XMLOutputFactory", "com.ctc.wstx.stax.WstxOutputFactory");
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(R4),
            new CommonCodeSystemsTerminologyService(R4),
            new InMemoryTerminologyServerValidationSupport(R4),
            new SnapshotGeneratingValidationSupport(R4));
    FhirValidator validator = R4.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
    return validator;
  }

  /** Every error or fatal message HAPI's validator gives for {@code json}, with its location. */
  static List<String> errors(String json) {
    return VALIDATOR.validateWithResult(json).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .map(FhirBundles::describe)
        .toList();
  }

  private static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }
}
