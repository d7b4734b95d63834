package com.sparkify.warehouse.generator;

/** The pages of the Sparkify app that appear in the event log, with eventsim's method and status. */
enum Page {
    NEXT_SONG("NextSong", "PUT", 200),
    HOME("Home", "GET", 200),
    LOGIN("Login", "PUT", 307),
    LOGOUT("Logout", "PUT", 307),
    SETTINGS("Settings", "GET", 200),
    SAVE_SETTINGS("Save Settings", "PUT", 307),
    UPGRADE("Upgrade", "GET", 200),
    SUBMIT_UPGRADE("Submit Upgrade", "PUT", 307),
    DOWNGRADE("Downgrade", "GET", 200),
    SUBMIT_DOWNGRADE("Submit Downgrade", "PUT", 307),
    ABOUT("About", "GET", 200),
    HELP("Help", "GET", 200),
    ERROR("Error", "GET", 404),
    THUMBS_UP("Thumbs Up", "PUT", 307),
    THUMBS_DOWN("Thumbs Down", "PUT", 307),
    ADD_TO_PLAYLIST("Add to Playlist", "PUT", 200),
    ADD_FRIEND("Add Friend", "PUT", 307),
    ROLL_ADVERT("Roll Advert", "GET", 200);

    private final String title;
    /** The constant middle of an event line: {@code "method":"PUT","page":"NextSong"}. */
    private final byte[] methodAndPageJson;
    private final byte[] statusJson;

    Page(String title, String method, int status) {
        this.title = title;
        this.methodAndPageJson = JsonBuffer.ascii("\"method\":\"" + method + "\",\"page\":\"" + title + "\"");
        this.statusJson = JsonBuffer.ascii(Integer.toString(status));
    }

    /** The page name as written in the log, e.g. {@code Submit Upgrade}. */
    String title() {
        return title;
    }

    byte[] methodAndPageJson() {
        return methodAndPageJson;
    }

    byte[] statusJson() {
        return statusJson;
    }
}
