package org.openvitals.core.rules;

import java.time.LocalDate;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Two sources' own figures for a day differ by more than the metric's tolerance. {@code first} is
 * the preferred of the two.
 *
 * @param difference |a - b| / max(|a|, |b|)
 * @param tolerance the allowed relative difference for the metric
 */
public record Disagreement(
    MetricType metric,
    LocalDate day,
    SourceRef first,
    double firstValue,
    SourceRef second,
    double secondValue,
    double difference,
    double tolerance) {}
