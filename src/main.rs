fn main() -> std::process::ExitCode {
    plenary::cli::main()
}
