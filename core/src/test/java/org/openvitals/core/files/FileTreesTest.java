package org.openvitals.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path temp;

  @Test
  void deletesAFolderWithEverythingInItAndLeavesItsNeighbours() throws Exception {
    Path tree = temp.resolve("store");
    Files.createDirectories(tree.resolve("vault/keys"));
    Files.writeString(tree.resolve("openvitals.db"), "db");
    Files.writeString(tree.resolve("vault/keys/token"), "secret");
    Path neighbour = Files.writeString(temp.resolve("store.txt"), "kept");

    FileTrees.delete(tree);

    assertThat(tree).doesNotExist();
    assertThat(neighbour).hasContent("kept");
  }

  @Test
  void aFolderThatIsNotThereIsNothingToDo() throws Exception {
    FileTrees.delete(temp.resolve("never made"));
    assertThat(temp).isEmptyDirectory();
  }
}
