//! Reading input: files and standard input, with errors that name the file.

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// The name standard input goes by, on the command line and in output.
pub const STDIN: &str = "-";

/// Maps an I/O error on `path` to the error a user should see.
pub fn read_error(path: &Path, error: std::io::Error) -> Error {
    match error.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        std::io::ErrorKind::IsADirectory => Error::IsDirectory {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source: error,
        },
    }
}

/// Checks that `bytes` are UTF-8 and returns them as text, unchanged: offsets
/// in the output are offsets into exactly these bytes.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads a file, or standard input when the path is `-`, as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = if path == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| read_error(path, e))?;
        bytes
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        std::fs::read(path).map_err(|e| read_error(path, e))?
    };
    decode(path, bytes)
}
