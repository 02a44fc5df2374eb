package org.openvitals.connectors.vault;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openvitals.core.store.PrivateFiles;

/**
 * The fallback where no OS keychain exists (headless Linux): a random key in a file readable by the
 * owner only (0600). Anyone who can read the user's files can read the tokens, which is why the
 * vault announces this fallback whenever it is chosen.
 */
public final class FileKeySource implements KeySource {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;

  public FileKeySource(Path file) {
    this.file = file;
  }

  @Override
  public synchronized SecretKey key() throws IOException {
    if (!Files.exists(file)) {
      PrivateFiles.createFolder(file.getParent());
      byte[] key = TokenVault.newKey().getEncoded();
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      createOwnerOnly(temp);
      Files.write(temp, key);
      try {
        // A link fails if another process created the key meanwhile: never replace a key in use.
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException raced) {
        // Keep theirs.
      } catch (UnsupportedOperationException noLinks) {
        Files.move(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != 32) {
      throw new IOException(
          "The vault key file " + file + " is damaged (" + key.length + " bytes, expected 32)");
    }
    return new SecretKeySpec(key, "AES");
  }

  private static void createOwnerOnly(Path path) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(path);
      path.toFile().setReadable(false, false);
      path.toFile().setReadable(true, true);
      path.toFile().setWritable(false, false);
      path.toFile().setWritable(true, true);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public String description() {
    return "key file " + file + " (owner-only permissions; no OS keychain available)";
  }
}
