package org.openvitals.core.store;

/**
 * What one upsert did.
 *
 * @param inserted samples whose key was new
 * @param updated samples whose key was known but whose content changed
 * @param unchanged samples already stored exactly so (duplicates), or tombstoned
 */
public record WriteResult(int inserted, int updated, int unchanged) {
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0);

  public WriteResult plus(WriteResult other) {
    return new WriteResult(
        inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
  }

  public int total() {
    return inserted + updated + unchanged;
  }
}
