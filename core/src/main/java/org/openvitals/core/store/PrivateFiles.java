package org.openvitals.core.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the data folder readable by its owner only, whatever the umask: folders 0700 and files 0600
 * on POSIX systems, an ACL with one entry for the owner on Windows. Health data, the token vault
 * and {@code cloud.properties} all live there, and the libraries that write them (SQLite, H2)
 * create files with the process's umask (usually 0644).
 */
public final class PrivateFiles {
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** What OpenVitals keeps in the data folder besides the {@code openvitals.*} store files. */
  private static final Set<String> OURS =
      Set.of("vault", "assistant", "logs", "tiles", "cloud.properties", "demo");

  private PrivateFiles() {}

  /** Creates {@code dir} (and missing parents) and makes it owner-only. */
  public static void createFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    restrict(dir, true);
  }

  /**
   * Makes {@code dir} and what OpenVitals keeps in it owner-only (the store's files, {@code
   * vault/}, {@code assistant/}, {@code logs/}, {@code tiles/}, {@code cloud.properties}; nothing
   * else, in case the folder is shared with other files); returns one line per folder or file whose
   * access was wider (empty when all was private already). Symbolic links are not followed.
   */
  public static List<String> tighten(Path dir) throws IOException {
    List<String> tightened = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return tightened;
    }
    note(tightened, dir, dir, restrict(dir, true));
    List<Path> ours;
    try (Stream<Path> children = Files.list(dir)) {
      ours = children.filter(p -> isOurs(p.getFileName().toString())).toList();
    }
    for (Path child : ours) {
      Files.walkFileTree(
          child,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                throws IOException {
              note(tightened, dir, d, restrict(d, true));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
              if (attrs.isRegularFile()) {
                note(tightened, dir, f, restrict(f, false));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              // A file that vanished meanwhile (SQLite's -shm on close) needs no tightening.
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return tightened;
  }

  private static boolean isOurs(String name) {
    return name.startsWith("openvitals.") || OURS.contains(name);
  }

  private static void note(List<String> notes, Path dir, Path p, String was) {
    if (was != null) {
      String name = p.equals(dir) ? "the data folder" : dir.relativize(p).toString();
      notes.add(name + " (was " + was + ")");
    }
  }

  /** Makes one file owner-only, for files written before their content is (secrets). */
  public static void restrictFile(Path file) throws IOException {
    restrict(file, false);
  }

  /**
   * Makes one folder or file owner-only; returns what its access was when it was wider, else null.
   */
  static String restrict(Path p, boolean folder) throws IOException {
    PosixFileAttributeView posix =
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      Set<PosixFilePermission> now = posix.readAttributes().permissions();
      Set<PosixFilePermission> wanted = folder ? FOLDER : FILE;
      if (now.equals(wanted)) {
        return null;
      }
      posix.setPermissions(wanted);
      return PosixFilePermissions.toString(now);
    }
    AclFileAttributeView acl =
        Files.getFileAttributeView(p, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (acl != null) {
      List<AclEntry> wanted = ownerOnly(acl.getOwner(), folder);
      List<AclEntry> now = acl.getAcl();
      if (now.equals(wanted)) {
        return null;
      }
      acl.setAcl(wanted);
      return now.size() + " access entries";
    }
    return null;
  }

  /**
   * The ACL that lets only {@code owner} in: full control, and on a folder inherited by what is
   * created inside it later.
   */
  static List<AclEntry> ownerOnly(UserPrincipal owner, boolean folder) {
    AclEntry.Builder entry =
        AclEntry.newBuilder()
            .setType(AclEntryType.ALLOW)
            .setPrincipal(owner)
            .setPermissions(EnumSet.allOf(AclEntryPermission.class));
    if (folder) {
      entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
    }
    return List.of(entry.build());
  }
}
