-- Reserved for bot; replaced by its tables when they land.
SELECT 1;
