;;; otpls.el --- otpls (OTP anti-pattern linter) for eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, elixir, tools
;; URL: https://github.com/otpls/otpls

;;; Commentary:

;; Registers the otpls language server with eglot for Elixir buffers
;; (`elixir-mode', `elixir-ts-mode', `heex-ts-mode').  Install with
;; M-x package-install-file RET otpls.el, then:
;;
;;   (require 'otpls)
;;   (add-hook 'elixir-mode-hook #'eglot-ensure)
;;
;; Settings are sent as initializationOptions (the keys of .otpls.exs plus
;; diagnosticDelay and diagnosticsScope): see `otpls-settings'.

;;; Code:

(require 'eglot)

(defgroup otpls nil
  "otpls, the OTP anti-pattern language server."
  :group 'tools
  :prefix "otpls-")

(defcustom otpls-executable "otpls"
  "Path of the otpls binary (or its name on `exec-path')."
  :type 'string)

(defcustom otpls-settings nil
  "Settings for otpls, as a plist: e.g. (:diagnosticDelay 100 :diagnosticsScope \"openFiles\")."
  :type 'plist)

(defconst otpls-modes '(elixir-mode elixir-ts-mode heex-ts-mode)
  "Major modes otpls serves.")

(defun otpls--contact (&optional _interactive)
  "The eglot contact for otpls, with initialization options."
  (unless (executable-find otpls-executable)
    (user-error "otpls: %s not found; install otpls or set `otpls-executable'" otpls-executable))
  (append (list otpls-executable "serve")
          (when otpls-settings (list :initializationOptions otpls-settings))))

(add-to-list 'eglot-server-programs (cons otpls-modes #'otpls--contact))

(provide 'otpls)
;;; otpls.el ends here
