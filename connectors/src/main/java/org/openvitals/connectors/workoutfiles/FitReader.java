package org.openvitals.connectors.workoutfiles;

import com.garmin.fit.ActivityMesg;
import com.garmin.fit.DateTime;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.FitDecoder;
import com.garmin.fit.FitMessages;
import com.garmin.fit.FitRuntimeException;
import com.garmin.fit.GarminProduct;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.RecordMesg;
import com.garmin.fit.SessionMesg;
import com.garmin.fit.Sport;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FIT activity file, decoded with Garmin's FIT SDK (which checks the header and the CRC): each
 * {@code session} message is one workout (sport, start, elapsed and timer time, distance, calories,
 * heart rate), and the {@code record} messages inside its time are its heart-rate points and route.
 * FIT times are UTC; the {@code activity} message's {@code local_timestamp} gives the offset the
 * workout is stored with. The device is the {@code file_id}'s product name, else its manufacturer
 * and product.
 */
final class FitReader {
  /** Degrees per FIT semicircle: positions are 32-bit integers spanning 360 degrees. */
  private static final double DEGREES_PER_SEMICIRCLE = 180.0 / (1L << 31);

  private FitReader() {}

  static WorkoutFile read(InputStream in) throws UnreadableFileException {
    FitMessages messages;
    try {
      messages = new FitDecoder().decode(in);
    } catch (FitRuntimeException e) {
      throw new UnreadableFileException("decoding", "not a valid FIT file: " + e.getMessage(), e);
    }
    WorkoutFile file = new WorkoutFile();
    file.creator = device(messages.getFileIdMesgs());
    ZoneOffset offset = offset(messages.getActivityMesgs());
    List<RecordMesg> records = messages.getRecordMesgs();
    file.records = records.size() + messages.getSessionMesgs().size();
    List<SessionMesg> sessions = messages.getSessionMesgs();
    if (sessions.isEmpty() && !records.isEmpty()) {
      // A file cut short before its session message: the records alone are the workout.
      WorkoutRecording w = new WorkoutRecording();
      w.sport =
          sport(
              messages.getSportMesgs().isEmpty()
                  ? null
                  : messages.getSportMesgs().getFirst().getSport());
      addRecords(w, records, null, null, offset, file);
      if (w.placed()) {
        file.workouts.add(w);
      }
      return file;
    }
    int n = 0;
    for (SessionMesg s : sessions) {
      n++;
      if (s.getStartTime() == null) {
        file.rejected.add("session " + n + ": no start_time");
        continue;
      }
      WorkoutRecording w = new WorkoutRecording();
      w.sport = sport(s.getSport());
      w.start = time(s.getStartTime(), offset);
      Float elapsed = s.getTotalElapsedTime();
      if (elapsed != null) {
        w.end = w.start.plusNanos((long) (elapsed * 1e9));
      }
      w.timerSeconds = toDouble(s.getTotalTimerTime());
      w.distanceMeters = toDouble(s.getTotalDistance());
      w.energyKcal = s.getTotalCalories() == null ? null : s.getTotalCalories().doubleValue();
      w.averageHeartRate = s.getAvgHeartRate() == null ? null : s.getAvgHeartRate().doubleValue();
      w.maxHeartRate = s.getMaxHeartRate() == null ? null : s.getMaxHeartRate().doubleValue();
      long from = s.getStartTime().getTimestamp();
      long to = elapsed == null ? Long.MAX_VALUE : from + (long) Math.ceil(elapsed);
      addRecords(w, records, from, to, offset, file);
      file.workouts.add(w);
    }
    return file;
  }

  private static void addRecords(
      WorkoutRecording w,
      List<RecordMesg> records,
      Long from,
      Long to,
      ZoneOffset offset,
      WorkoutFile file) {
    int i = 0;
    for (RecordMesg r : records) {
      i++;
      DateTime at = r.getTimestamp();
      if (at == null) {
        file.rejected.add("record " + i + ": no timestamp");
        continue;
      }
      long t = at.getTimestamp();
      if ((from != null && t < from) || (to != null && t > to)) {
        continue;
      }
      double lat =
          r.getPositionLat() == null ? Double.NaN : r.getPositionLat() * DEGREES_PER_SEMICIRCLE;
      double lon =
          r.getPositionLong() == null ? Double.NaN : r.getPositionLong() * DEGREES_PER_SEMICIRCLE;
      Float altitude = r.getEnhancedAltitude() != null ? r.getEnhancedAltitude() : r.getAltitude();
      Short hr = r.getHeartRate();
      w.point(
          time(at, offset),
          lat,
          lon,
          altitude == null ? Double.NaN : altitude,
          hr == null ? null : hr.doubleValue());
    }
  }

  /** The offset from the activity message's local time, or UTC when the file gives none. */
  private static ZoneOffset offset(List<ActivityMesg> activities) {
    for (ActivityMesg a : activities) {
      if (a.getTimestamp() != null && a.getLocalTimestamp() != null) {
        long seconds = a.getLocalTimestamp() - a.getTimestamp().getTimestamp();
        // Offsets are whole quarter hours within +-18 h; anything else is a clock fault.
        if (Math.abs(seconds) <= 18 * 3600 && seconds % 900 == 0) {
          return ZoneOffset.ofTotalSeconds((int) seconds);
        }
      }
    }
    return ZoneOffset.UTC;
  }

  private static OffsetDateTime time(DateTime t, ZoneOffset offset) {
    return t.getDate().toInstant().atOffset(offset);
  }

  private static String sport(Sport sport) {
    if (sport == null || sport == Sport.INVALID) {
      return null;
    }
    return sport.name().toLowerCase(Locale.ROOT);
  }

  private static String device(List<FileIdMesg> ids) {
    for (FileIdMesg id : ids) {
      if (id.getProductName() != null && !id.getProductName().isBlank()) {
        return id.getProductName().strip();
      }
      List<String> parts = new ArrayList<>();
      Integer manufacturer = id.getManufacturer();
      if (manufacturer != null) {
        String m = Manufacturer.getStringFromValue(manufacturer);
        if (!m.isEmpty()) {
          parts.add(m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT));
        }
        if (id.getProduct() != null && manufacturer == Manufacturer.GARMIN) {
          String p = GarminProduct.getStringFromValue(id.getProduct());
          if (!p.isEmpty()) {
            parts.add(p);
          }
        }
      }
      if (!parts.isEmpty()) {
        return String.join(" ", parts);
      }
    }
    return null;
  }

  private static Double toDouble(Float f) {
    return f == null ? null : f.doubleValue();
  }
}
