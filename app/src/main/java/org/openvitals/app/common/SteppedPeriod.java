package org.openvitals.app.common;

import java.time.LocalDate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A page's period of a fixed number of days that the person steps through with Earlier, Later and
 * Latest (the sleep and workouts pages): it ends on the latest day with data unless the person
 * stepped elsewhere, and never steps back from the first day with data or on past the latest. It
 * reads nothing: the page's load takes a {@link #request()} off the FX thread, works out the {@link
 * Span} from the days with data it finds, and hands it to {@link #show}. Call every other method on
 * the FX thread.
 */
public final class SteppedPeriod {
  private final int days;
  private final ReadOnlyObjectWrapper<LocalDate> from = new ReadOnlyObjectWrapper<>(this, "from");
  private final ReadOnlyObjectWrapper<LocalDate> to = new ReadOnlyObjectWrapper<>(this, "to");
  private final ReadOnlyBooleanWrapper atEarliest =
      new ReadOnlyBooleanWrapper(this, "atEarliest", true);
  private final ReadOnlyBooleanWrapper atLatest =
      new ReadOnlyBooleanWrapper(this, "atLatest", true);
  private Span shown;

  /** The last day the person stepped to; null follows the latest day with data. */
  private LocalDate chosenEnd;

  /** What a load is to show: the chosen last day (null: the latest with data) and the length. */
  public record Request(LocalDate chosenEnd, int days) {
    /**
     * The days to show, given the days with data ({@code withData}; null when there are none, and
     * then the latest period ends {@code today}).
     */
    public Span span(DataSpan.Days withData, LocalDate today) {
      LocalDate firstDay = withData == null ? null : withData.first();
      LocalDate latestDay = withData == null ? today : withData.last();
      LocalDate end = chosenEnd != null ? chosenEnd : latestDay;
      return new Span(end.minusDays(days - 1L), end, firstDay, latestDay);
    }
  }

  /** The days shown, and the first (null: no data) and latest day with data when they were read. */
  public record Span(LocalDate from, LocalDate to, LocalDate firstDay, LocalDate latestDay) {}

  /** A period of {@code days} days. */
  public SteppedPeriod(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("A period has at least one day: " + days);
    }
    this.days = days;
  }

  /** What the next load is to show; safe to pass to a background thread. */
  public Request request() {
    return new Request(chosenEnd, days);
  }

  /** Shows the days a load read. */
  public void show(Span span) {
    shown = span;
    from.set(span.from());
    to.set(span.to());
    atEarliest.set(span.firstDay() == null || !span.from().isAfter(span.firstDay()));
    atLatest.set(!span.to().isBefore(span.latestDay()));
  }

  /** Chooses the days before the ones shown; false (nothing changes) at the first day with data. */
  public boolean earlier() {
    if (shown == null || atEarliest.get()) {
      return false;
    }
    chosenEnd = shown.to().minusDays(days);
    return true;
  }

  /** Chooses the days after the ones shown, never past the latest day with data; false there. */
  public boolean later() {
    if (shown == null || atLatest.get()) {
      return false;
    }
    LocalDate end = shown.to().plusDays(days);
    chosenEnd = end.isBefore(shown.latestDay()) ? end : null;
    return true;
  }

  /** Chooses the days ending on the latest day with data; false when they are chosen already. */
  public boolean latest() {
    boolean moved = chosenEnd != null;
    chosenEnd = null;
    return moved;
  }

  /** Forgets the chosen days (another store has other dates); the next load shows the latest. */
  public void reset() {
    chosenEnd = null;
  }

  public ReadOnlyObjectProperty<LocalDate> fromProperty() {
    return from.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return to.getReadOnlyProperty();
  }

  /** Whether the days shown start on or before the first day with data (or there is none). */
  public ReadOnlyBooleanProperty atEarliestProperty() {
    return atEarliest.getReadOnlyProperty();
  }

  /** Whether the days shown end on the latest day with data (no later ones). */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return atLatest.getReadOnlyProperty();
  }
}
