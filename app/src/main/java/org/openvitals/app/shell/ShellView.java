package org.openvitals.app.shell;

import atlantafx.base.theme.Styles;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.openvitals.app.common.HoverTooltip;
import org.openvitals.app.context.Disposable;

/**
 * The app's frame: a sidebar with one button per screen and the content area. Bound to a {@link
 * ShellViewModel}; the content area shows the selected screen. Pages are built when first shown and
 * kept until {@link #dispose()}; the welcome page is disposed once the store holds data.
 */
public final class ShellView extends BorderPane implements Disposable {
  private final ShellViewModel model;
  private final Map<Screen, ToggleButton> navButtons = new EnumMap<>(Screen.class);
  private final Map<Screen, Node> pages = new EnumMap<>(Screen.class);
  private final StackPane content = new PageArea();
  private final ScreenPages pageFactory;
  private final Supplier<Node> welcomeFactory;
  private Node welcomePage;

  public ShellView(ShellViewModel model, ScreenPages pageFactory) {
    this(model, pageFactory, null);
  }

  /**
   * @param welcomeFactory builds the page shown in the dashboard's place while {@link
   *     ShellViewModel#welcomeProperty()} is true (null: never)
   */
  public ShellView(ShellViewModel model, ScreenPages pageFactory, Supplier<Node> welcomeFactory) {
    this.model = model;
    this.pageFactory = pageFactory;
    this.welcomeFactory = welcomeFactory;
    getStyleClass().add("shell");
    setLeft(scrolling(sidebar()));
    content.setId("content");
    content.setPadding(new Insets(32));
    content.setAlignment(Pos.TOP_LEFT);
    // A page fills the window and, where the window is smaller than the page can be (the minimum
    // window, 200 % scaling), scrolls rather than being cut at the window's edge.
    ScrollPane scroller = new ScrollPane(content);
    scroller.setId("content-scroller");
    scroller.setFitToWidth(true);
    scroller.setFitToHeight(true);
    scroller.setFocusTraversable(false);
    scroller.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
    setCenter(scroller);
    show(model.selectedScreen());
    model.selectedScreenProperty().addListener((p, before, now) -> show(now));
    model
        .welcomeProperty()
        .addListener((p, before, now) -> {
          if (!now) {
            disposeWelcome(); // its work is done; an empty store later gets a fresh one
          }
          show(model.selectedScreen());
        });
  }

  /** Disposes every page built so far (the window is closing). */
  @Override
  public void dispose() {
    pages.values().forEach(ShellView::dispose);
    pages.clear();
    disposeWelcome();
  }

  private void disposeWelcome() {
    if (welcomePage != null) {
      dispose(welcomePage);
      welcomePage = null;
    }
  }

  private static void dispose(Node page) {
    if (page instanceof Disposable disposable) {
      disposable.dispose();
    }
  }

  private VBox sidebar() {
    Label brand = new Label("OpenVitals");
    brand.getStyleClass().add(Styles.TITLE_3);
    brand.setPadding(new Insets(0, 0, 16, 8));

    VBox nav = new VBox(4);
    ToggleGroup group = new ToggleGroup();
    for (Screen screen : model.screens()) {
      ToggleButton button = new ToggleButton(screen.title());
      button.setId("nav-" + screen.name().toLowerCase(Locale.ROOT));
      button.setToggleGroup(group);
      button.setMaxWidth(Double.MAX_VALUE);
      button.setAlignment(Pos.CENTER_LEFT);
      button.getStyleClass().add(Styles.FLAT);
      button.setOnAction(e -> model.select(screen));
      HoverTooltip.install(button, screen.description());
      navButtons.put(screen, button);
      nav.getChildren().add(button);
    }
    // A toggle group lets a second click unselect; the sidebar always marks the current screen.
    group
        .selectedToggleProperty()
        .addListener((p, before, now) -> {
          if (now == null) {
            navButtons.get(model.selectedScreen()).setSelected(true);
          }
        });

    Region spacer = new Region();
    VBox.setVgrow(spacer, Priority.ALWAYS);
    Label store = new Label();
    store.textProperty().bind(model.storeDescriptionProperty());
    store.setId("store-description");
    store.setWrapText(true);
    store.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

    VBox sidebar = new VBox(brand, nav, spacer, store);
    sidebar.setId("sidebar");
    sidebar.setPadding(new Insets(16, 12, 16, 12));
    sidebar.setPrefWidth(200);
    return sidebar;
  }

  /**
   * The sidebar in a scroll pane: at the minimum window or 200 % scaling its buttons are taller
   * than the window, and the last ones (Settings) must still be reachable. A button that gets the
   * keyboard focus is scrolled into view.
   */
  private ScrollPane scrolling(VBox sidebar) {
    ScrollPane scroller = new ScrollPane(sidebar);
    scroller.setId("sidebar-scroller");
    scroller.setFitToWidth(true);
    scroller.setFitToHeight(true); // the spacer keeps the store's name at the bottom when it fits
    scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroller.setFocusTraversable(false);
    scroller.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
    for (ToggleButton button : navButtons.values()) {
      button
          .focusedProperty()
          .addListener((p, was, focused) -> {
            if (focused) {
              scrollIntoView(scroller, sidebar, button);
            }
          });
    }
    return scroller;
  }

  private static void scrollIntoView(ScrollPane scroller, Region content, Node node) {
    double hidden = content.getHeight() - scroller.getViewportBounds().getHeight();
    if (hidden <= 0) {
      return;
    }
    var bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
    double top = hidden * scroller.getVvalue();
    double viewport = scroller.getViewportBounds().getHeight();
    if (bounds.getMinY() < top) {
      scroller.setVvalue(bounds.getMinY() / hidden);
    } else if (bounds.getMaxY() > top + viewport) {
      scroller.setVvalue(Math.min(1, (bounds.getMaxY() - viewport) / hidden));
    }
  }

  private void show(Screen screen) {
    navButtons.get(screen).setSelected(true);
    if (screen == Screen.DASHBOARD && model.welcomeProperty().get() && welcomeFactory != null) {
      if (welcomePage == null) {
        welcomePage = welcomeFactory.get();
      }
      content.getChildren().setAll(welcomePage);
      return;
    }
    Node page =
        pages.computeIfAbsent(screen, s -> pageFactory.create(s).orElseGet(() -> placeholder(s)));
    content.getChildren().setAll(page);
  }

  /**
   * Builds {@code screen}'s page without showing it, so its data loads in the background while
   * another screen is on (the dashboard, when the window opens elsewhere).
   */
  void prepare(Screen screen) {
    pages.computeIfAbsent(screen, s -> pageFactory.create(s).orElseGet(() -> placeholder(s)));
  }

  /** The page of {@code screen} if it has been built (tests). */
  java.util.Optional<Node> builtPage(Screen screen) {
    return java.util.Optional.ofNullable(pages.get(screen));
  }

  /** The honest page of a screen that is not built yet: its name and what it will be for. */
  private static VBox placeholder(Screen screen) {
    Label title = new Label(screen.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label description = new Label(screen.description());
    description.setId("screen-description");
    description.setWrapText(true);
    description.getStyleClass().add(Styles.TEXT_MUTED);
    VBox page = new VBox(12, title, description);
    page.setMaxWidth(640);
    return page;
  }

  /**
   * Holds the page shown. Its minimum height is the page's at the width it gets (a page of wrapped
   * text is taller when narrow), so the scroll pane around it scrolls far enough to show all of it.
   */
  private static final class PageArea extends StackPane {
    @Override
    public javafx.geometry.Orientation getContentBias() {
      return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinHeight(double width) {
      double inside = width < 0 ? -1 : width - snappedLeftInset() - snappedRightInset();
      double tallest = 0;
      for (Node page : getManagedChildren()) {
        tallest = Math.max(tallest, page.minHeight(inside));
      }
      return snappedTopInset() + tallest + snappedBottomInset();
    }
  }
}
