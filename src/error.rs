//! One error type for the whole crate. Every variant has a stable `code()`:
//! the CLI prints it, the wasm bindings put it on the thrown JS `Error`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or holds only white space.
    EmptyInput,
    /// The input is larger than `Config::max_input_bytes`.
    InputTooLarge { size: usize, limit: usize },
    /// The bytes are not text (NUL bytes or control characters dominate).
    BinaryInput,
    /// An option has a wrong name, type or value.
    InvalidOptions(String),
    /// A site taxonomy could not be read; `line` is 1-based.
    InvalidTaxonomy { line: usize, reason: String },
    /// A file (or standard input) could not be read (the CLI).
    UnreadableFile(String),
    /// A line of a JSON Lines archive is not an article object; `line` is 1-based (the CLI).
    InvalidArchiveLine { line: usize, reason: String },
    /// The analysis of one input stopped on an internal error (a bug): the CLI reports it for that
    /// input and goes on with the others (in the browser the worker reports code "panic" too).
    Panic(String),
}

impl Error {
    /// Stable, machine-readable code (snake_case). Never renamed once released.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty_input",
            Error::InputTooLarge { .. } => "input_too_large",
            Error::BinaryInput => "binary_input",
            Error::InvalidOptions(_) => "invalid_options",
            Error::InvalidTaxonomy { .. } => "invalid_taxonomy",
            Error::UnreadableFile(_) => "unreadable_file",
            Error::InvalidArchiveLine { .. } => "invalid_archive_line",
            Error::Panic(_) => "panic",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EmptyInput => write!(f, "the input is empty"),
            Error::InputTooLarge { size, limit } => {
                write!(f, "the input is {size} bytes, over the limit of {limit} bytes")
            }
            Error::BinaryInput => write!(f, "the input is not text (binary data)"),
            Error::InvalidOptions(why) => write!(f, "invalid options: {why}"),
            Error::InvalidTaxonomy { line, reason } => {
                write!(f, "invalid taxonomy at line {line}: {reason}")
            }
            Error::UnreadableFile(why) => write!(f, "cannot read: {why}"),
            Error::InvalidArchiveLine { line, reason } => write!(f, "invalid archive line {line}: {reason}"),
            Error::Panic(why) => write!(f, "the analysis stopped on an internal error: {why}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
