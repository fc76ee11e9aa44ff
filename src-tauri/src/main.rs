fn main() {
    planbook_app::run();
}
